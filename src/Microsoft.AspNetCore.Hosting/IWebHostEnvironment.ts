/**
 * Microsoft.AspNetCore.Hosting.IWebHostEnvironment: where the application runs (`app.Environment`,
 * `builder.Environment`), with the `IsDevelopment()` family of Microsoft.Extensions.Hosting's extension
 * methods as members.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.hosting.iwebhostenvironment
 */

/**
 * The environment of a web application.
 *
 * `EnvironmentName` comes, as in ASP.NET Core, from the `--environment` argument, then
 * `ASPNETCORE_ENVIRONMENT`, then `DOTNET_ENVIRONMENT`, and is `"Production"` when none is set.
 *
 * @example
 * ```ts
 * if (!app.Environment.IsDevelopment()) {
 *   app.UseHttpsRedirection();
 * }
 * ```
 * @remarks Differs from .NET: the `Is…` methods are members (C#'s extension methods), and there are no
 * file providers (`ContentRootFileProvider`, `WebRootFileProvider`).
 */
export interface IWebHostEnvironment {
  /** "Development", "Staging", "Production" or any other name. */
  EnvironmentName: string;
  /** The application's name: the `name` in the content root's package.json, else the folder's name. */
  ApplicationName: string;
  /** The absolute path of the content root: the process's working directory. */
  ContentRootPath: string;
  /** The absolute path of `wwwroot` under the content root, or null when that folder does not exist. */
  WebRootPath: string | null;
  /** EnvironmentName is "Development" (compared ignoring case). */
  IsDevelopment(): boolean;
  /** EnvironmentName is "Staging" (compared ignoring case). */
  IsStaging(): boolean;
  /** EnvironmentName is "Production" (compared ignoring case). */
  IsProduction(): boolean;
  /** EnvironmentName is `environmentName` (compared ignoring case). */
  IsEnvironment(environmentName: string): boolean;
}
