using CyDef.Storage;

namespace CyDef.Taxii.Server;

internal sealed partial class TaxiiQuery
{
    /// <summary>Takes the parameters one by one and builds the store's query.</summary>
    private sealed class Reader(TaxiiParameters allowed, TaxiiServerOptions options)
    {
        private string[] _ids = [];
        private string[] _types = [];
        private string[] _specVersions = [];
        private VersionFilter _versions = VersionFilter.Last;
        private DateTimeOffset? _addedAfter;
        private int _limit = Math.Clamp(options.DefaultPageSize, 1, MaxPage(options));

        public string? Next { get; private set; }

        public bool Take(string name, string value, out string? error)
        {
            var parameter = Parameter(name);
            if (parameter == TaxiiParameters.None || (allowed & parameter) == 0)
            {
                error = $"The parameter '{name}' is not supported by this endpoint (TAXII 2.1 §3.4).";
                return false;
            }

            error = parameter switch
            {
                TaxiiParameters.AddedAfter => AddedAfter(value),
                TaxiiParameters.Limit => Limit(value),
                TaxiiParameters.Next => value.Length == 0 ? "The next parameter is empty." : SetNext(value),
                TaxiiParameters.MatchId => List(name, value, static v => StixIdentifier.IsValid(v), "a STIX identifier (type--UUID)", out _ids),
                TaxiiParameters.MatchType => List(name, value, static v => StixIdentifier.IsType(v), "a STIX type", out _types),
                TaxiiParameters.MatchSpecVersion => List(name, value, IsSpecVersion, "a spec_version such as 2.1", out _specVersions),
                TaxiiParameters.MatchVersion => Versions(value),
                _ => $"The parameter '{name}' is not supported.",
            };
            return error is null;
        }

        public ObjectQuery Build(long? after) => new()
        {
            Ids = _ids,
            Types = _types,
            SpecVersions = _specVersions,
            Versions = _versions,
            AddedAfter = _addedAfter,
            After = after,
            Limit = _limit,
        };

        private static int MaxPage(TaxiiServerOptions options) => Math.Clamp(options.MaxPageSize, 1, ObjectQuery.MaxLimit);

        private static TaxiiParameters Parameter(string name) => name switch
        {
            "added_after" => TaxiiParameters.AddedAfter,
            "limit" => TaxiiParameters.Limit,
            "next" => TaxiiParameters.Next,
            "match[id]" => TaxiiParameters.MatchId,
            "match[type]" => TaxiiParameters.MatchType,
            "match[version]" => TaxiiParameters.MatchVersion,
            "match[spec_version]" => TaxiiParameters.MatchSpecVersion,
            _ => TaxiiParameters.None,
        };

        private string? SetNext(string value)
        {
            Next = value;
            return null;
        }

        private string? AddedAfter(string value)
        {
            if (!TaxiiTimestamp.TryParse(value, out var instant))
            {
                return $"added_after '{value}' is not a timestamp (TAXII 2.1 §2.1, e.g. 2016-02-01T00:00:01.000000Z).";
            }

            _addedAfter = instant;
            return null;
        }

        private string? Limit(string value)
        {
            if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit) || limit <= 0)
            {
                return $"limit '{value}' is not a positive integer (TAXII 2.1 §3.4).";
            }

            _limit = Math.Min(limit, MaxPage(options));
            return null;
        }

        private static string? List(string name, string value, Func<string, bool> valid, string what, out string[] into)
        {
            into = value.Split(',');
            foreach (var item in into)
            {
                if (!valid(item))
                {
                    return $"{name}: '{item}' is not {what}.";
                }
            }

            return null;
        }

        private static bool IsSpecVersion(string value) =>
            value.Length >= 3 && value.Count(c => c == '.') == 1 && value[0] != '.' && value[^1] != '.' && value.All(c => c == '.' || char.IsAsciiDigit(c));

        // §3.4.1: first, last, all, or exact versions (STIX timestamps), in any combination.
        private string? Versions(string value)
        {
            var filter = new VersionFilter();
            var exact = new List<string>();
            foreach (var item in value.Split(','))
            {
                switch (item)
                {
                    case "first": filter = filter with { IncludeFirst = true }; break;
                    case "last": filter = filter with { IncludeLast = true }; break;
                    case "all": filter = filter with { IncludeAll = true }; break;
                    default:
                        if (VersionTimestamp(item) is not { } timestamp)
                        {
                            return $"match[version]: '{item}' is neither first, last, all nor a timestamp.";
                        }

                        exact.Add(timestamp);
                        break;
                }
            }

            _versions = filter with { Modified = exact };
            return null;
        }

        // A STIX timestamp; one without a zone is read as UTC (the reference server accepts those too).
        private static string? VersionTimestamp(string item)
        {
            var text = item.EndsWith('Z') ? item : item + "Z";
            return TaxiiTimestamp.TryParse(text, out _) && text.Length >= 20 && !text.Contains('+', StringComparison.Ordinal) ? text : null;
        }
    }
}
