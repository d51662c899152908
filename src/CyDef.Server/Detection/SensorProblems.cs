using Microsoft.AspNetCore.Http;

namespace CyDef.Server.Detection;

/// <summary>The problem details of a sensor route's name.</summary>
internal static class SensorProblems
{
    /// <summary>400 for a malformed name, 404 for a name the node does not list (<see cref="DetectionOptions.Sensors"/>); null when usable.</summary>
    public static IResult? Check(string sensor, DetectionOptions options)
    {
        if (!DetectionOptions.IsWellFormed(sensor))
        {
            return Results.Problem("A sensor's name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.",
                statusCode: StatusCodes.Status400BadRequest, title: "Bad sensor name");
        }

        return options.IsKnown(sensor)
            ? null
            : Results.Problem($"Sensor '{sensor}' is not one of this node's sensors (CyDef:Detection:Sensors).", statusCode: StatusCodes.Status404NotFound, title: "Unknown sensor");
    }
}
