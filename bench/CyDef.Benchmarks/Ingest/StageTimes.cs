using System.Diagnostics;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;
using CyDef.Storage.Internal;

namespace CyDef.Benchmarks.Ingest;

/// <summary>The reading side of an ingest alone, single-threaded, with no store: how much of the time it takes.</summary>
internal static class StageTimes
{
    public static (double Read, double Validate, double Prepare) Measure(string feed)
    {
        var read = Time(feed, validate: false, prepare: false);
        var validate = Time(feed, validate: true, prepare: false);
        var prepare = Time(feed, validate: true, prepare: true);
        return (read, validate, prepare);
    }

    private static double Time(string feed, bool validate, bool prepare)
    {
        var preparer = new ObjectPreparer();
        var stopwatch = Stopwatch.StartNew();
        using var input = File.OpenRead(feed);
        using var reader = new StixStreamReader(input);
        foreach (var item in reader.ReadObjects())
        {
            if (validate)
            {
                StixValidator.ValidateObject(item, ValidationOptions.Default);
            }

            if (prepare)
            {
                preparer.Prepare(item.Value!, item.Path);
            }
        }

        return stopwatch.Elapsed.TotalSeconds;
    }
}
