using CyDef.Stix.Validation;

namespace CyDef.Cli.Stix;

/// <summary>
/// <c>cydef stix validate</c>: streams each file, validates each object, prints one line per finding
/// (<c>file: path: message (STIX 2.1 §n)</c>) and a closing count on standard error.
/// </summary>
internal sealed class StixFileValidator(ValidationOptions options, bool printWarnings, TextWriter output, TextWriter error)
{
    private int _objects;
    private int _invalidObjects;
    private int _errors;
    private int _warnings;

    public int Run(IEnumerable<FileInfo> files)
    {
        var ioFailed = false;
        foreach (var file in files)
        {
            ioFailed |= !ValidateFile(file);
        }

        error.WriteLine($"{_objects} objects, {_invalidObjects} invalid; {_errors} errors, {_warnings} warnings");
        return ioFailed ? CommandLine.UsageOrIoError : _invalidObjects > 0 ? CommandLine.Invalid : CommandLine.Ok;
    }

    private bool ValidateFile(FileInfo file)
    {
        var name = StixInput.DisplayName(file);
        try
        {
            using var stream = StixInput.Open(file);
            foreach (var item in StixInput.Read(stream))
            {
                _objects++;
                if (item.Error is { } readError)
                {
                    _invalidObjects++;
                    _errors++;
                    output.WriteLine($"{name}:{readError.Line}:{readError.Column}: {readError.Path}: {readError.Message}");
                    continue;
                }

                Report(name, StixValidator.ValidateObject(item, options));
            }

            return true;
        }
        catch (IOException e)
        {
            error.WriteLine($"cydef: {name}: {e.Message}");
            return false;
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine($"cydef: {name}: {e.Message}");
            return false;
        }
    }

    private void Report(string name, ValidationReport report)
    {
        if (!report.IsValid)
        {
            _invalidObjects++;
        }

        foreach (var issue in report.Issues)
        {
            var isError = issue.Severity == ValidationSeverity.Error;
            _errors += isError ? 1 : 0;
            _warnings += isError ? 0 : 1;
            if (isError || printWarnings)
            {
                output.WriteLine($"{name}: {issue}");
            }
        }
    }
}
