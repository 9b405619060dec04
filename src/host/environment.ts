// The IWebHostEnvironment of a WebApplication, read as the ASP.NET Core host reads it: the environment
// name from --environment, ASPNETCORE_ENVIRONMENT, DOTNET_ENVIRONMENT (first set wins), "Production"
// otherwise; the content root is the working directory, the web root its wwwroot folder when present.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { IWebHostEnvironment } from '../Microsoft.AspNetCore.Hosting/IWebHostEnvironment.js';

/** The value of `--name value` or `--name=value` in `args`, or undefined. */
function argument(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^(?:--|\/)([^=]+)(?:=(.*))?$/.exec(arg);
    if (!match || match[1]!.toLowerCase() !== name) continue;
    if (match[2] !== undefined) return match[2];
    if (i + 1 < args.length) return args[i + 1];
  }
  return undefined;
}

function applicationName(contentRoot: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(contentRoot, 'package.json'), 'utf8')) as { name?: unknown };
    if (typeof pkg.name === 'string' && pkg.name !== '') return pkg.name;
  } catch {
    // No package.json: the folder's name, as a C# project is usually named after its folder.
  }
  return basename(contentRoot);
}

/** The environment of an application built with `args`. */
export class HostEnvironment implements IWebHostEnvironment {
  EnvironmentName: string;
  ApplicationName: string;
  ContentRootPath: string;
  WebRootPath: string | null;

  constructor(args: readonly string[]) {
    const named = argument(args, 'environment') ?? process.env['ASPNETCORE_ENVIRONMENT'] ?? process.env['DOTNET_ENVIRONMENT'];
    this.EnvironmentName = named === undefined || named === '' ? 'Production' : named;
    this.ContentRootPath = process.cwd();
    this.ApplicationName = applicationName(this.ContentRootPath);
    const webRoot = join(this.ContentRootPath, 'wwwroot');
    this.WebRootPath = existsSync(webRoot) && statSync(webRoot).isDirectory() ? webRoot : null;
  }

  IsDevelopment(): boolean {
    return this.IsEnvironment('Development');
  }

  IsStaging(): boolean {
    return this.IsEnvironment('Staging');
  }

  IsProduction(): boolean {
    return this.IsEnvironment('Production');
  }

  IsEnvironment(environmentName: string): boolean {
    return this.EnvironmentName.toLowerCase() === environmentName.toLowerCase();
  }
}
