using CyDef.Stix.Json;

namespace CyDef.Cli.Stix;

/// <summary>Opens the files the user names ('-' is standard input) and streams their STIX objects.</summary>
internal static class StixInput
{
    public static Stream Open(FileInfo file) =>
        file.Name == "-" && !file.Exists ? Console.OpenStandardInput() : new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    public static string DisplayName(FileInfo file) => file.Name == "-" && !file.Exists ? "<stdin>" : file.ToString();

    public static IEnumerable<StixReadItem> Read(Stream stream)
    {
        using var reader = new StixStreamReader(stream);
        foreach (var item in reader.ReadObjects())
        {
            yield return item;
        }
    }
}
