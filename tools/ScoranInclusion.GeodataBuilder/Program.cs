using ScoranInclusion.GeodataBuilder;

// Regenerates geodata/ from ../shared/geodata-src: the territory files the server loads,
// the MedNum BFC places converted to the national standard, and geodata/README.md with
// the sources, licences, mapping decisions and every corrected or dropped value.
// Same input, byte-identical output.
try
{
    var options = BuilderOptions.Parse(args);
    if (options is null)
    {
        Console.WriteLine(BuilderOptions.Usage);
        return 0;
    }

    var summary = GeodataBuild.Run(options, Console.Out);
    Console.WriteLine(summary);
    return 0;
}
catch (BuildFailedException e)
{
    Console.Error.WriteLine($"échec : {e.Message}");
    return 1;
}
catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"échec : {e.Message}");
    return 2;
}
