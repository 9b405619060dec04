// Types of build.mjs (a plain ES module, run by run.sh and bench as well as imported by the suite).
export declare const buildDir: string;
export declare const oracleDll: string;
export declare const dotnetEnv: NodeJS.ProcessEnv;
export declare function unusable(): Promise<string | null>;
export declare function buildOracle(): Promise<string>;
