namespace ScoranInclusion.Server.Startup;

/// <summary>
/// Where the program finds its own files and where it puts the operator's. Its own files (appsettings.json,
/// geodata/, web/) are read next to the program (<see cref="AppContext.BaseDirectory"/>), wherever it is started
/// from; the operator's (the default SQLite file <c>data/scoran.db</c>, every relative path of the configuration
/// or of a verb) are relative to the working directory: the folder the command is typed in, or the systemd
/// unit's <c>WorkingDirectory</c>. <c>dotnet run</c> keeps the shell's folder too (EnableDefaultRunWorkingDirectory
/// is off in the project), so a fresh clone run from its root creates <c>./data/scoran.db</c> there.
/// </summary>
public static class ScoranHost
{
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = AppContext.BaseDirectory,
    };
}
