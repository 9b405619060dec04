/**
 * Mirrors .NET's `System.Version` (major.minor[.build[.revision]]), used here for
 * `ClientWebSocketOptions.HttpVersion` and the `HttpVersion` constants.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.version
 */
import { SR } from '../Resources/SR.js';
import { ArgumentOutOfRangeException } from './ArgumentOutOfRangeException.js';

/** A version number; unspecified components are -1, as in .NET. */
export class Version {
  /** The major component. */
  readonly Major: number;
  /** The minor component. */
  readonly Minor: number;
  /** The build component, or -1. */
  readonly Build: number;
  /** The revision component, or -1. */
  readonly Revision: number;

  /**
   * @throws {@link ArgumentOutOfRangeException} when a component is negative.
   * @example
   * new Version(1, 1).ToString(); // "1.1"
   */
  constructor(major = 0, minor = 0, build?: number, revision?: number) {
    Version.#check('major', major);
    Version.#check('minor', minor);
    if (build !== undefined) Version.#check('build', build);
    if (revision !== undefined) {
      if (build === undefined) throw new ArgumentOutOfRangeException('build', SR.ArgumentOutOfRange_Version);
      Version.#check('revision', revision);
    }
    this.Major = major;
    this.Minor = minor;
    this.Build = build ?? -1;
    this.Revision = revision ?? -1;
    Object.freeze(this);
  }

  static #check(name: string, value: number): void {
    // .NET 10: ArgumentOutOfRangeException.ThrowIfNegative, naming the component and its value.
    if (!Number.isInteger(value) || value < 0) {
      throw new ArgumentOutOfRangeException(name, value, SR.Format(SR.ArgumentOutOfRange_Generic_MustBeNonNegative, name, value));
    }
  }

  /** Same components. */
  Equals(other: unknown): boolean {
    return (
      other instanceof Version &&
      other.Major === this.Major &&
      other.Minor === this.Minor &&
      other.Build === this.Build &&
      other.Revision === this.Revision
    );
  }

  /** Negative, zero or positive as this version is lower than, equal to or higher than `other` (null is lowest). */
  CompareTo(other: Version | null): number {
    if (other === null) return 1;
    return (
      Math.sign(this.Major - other.Major) ||
      Math.sign(this.Minor - other.Minor) ||
      Math.sign(this.Build - other.Build) ||
      Math.sign(this.Revision - other.Revision)
    );
  }

  /** "major.minor", plus ".build" and ".revision" when specified. */
  ToString(): string {
    let text = `${this.Major}.${this.Minor}`;
    if (this.Build >= 0) text += `.${this.Build}`;
    if (this.Revision >= 0) text += `.${this.Revision}`;
    return text;
  }

  /** Same as {@link Version.ToString}. */
  toString(): string {
    return this.ToString();
  }
}
