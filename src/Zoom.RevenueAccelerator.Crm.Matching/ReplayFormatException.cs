using System;

namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>A replay file is not what shared/spec/replay-format.md describes. The message names the file, the line or JSON path, and what was expected.</summary>
public sealed class ReplayFormatException : Exception
{
    /// <summary>Creates an exception.</summary>
    public ReplayFormatException()
        : this("The replay file is malformed.")
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="message">What is wrong.</param>
    public ReplayFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The parser's exception.</param>
    public ReplayFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception that locates the problem.</summary>
    /// <param name="file">The file.</param>
    /// <param name="line">The 1-based line, when known.</param>
    /// <param name="jsonPath">The JSON path, when known (<c>$.contacts[3].emails</c>).</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="innerException">The parser's exception.</param>
    public ReplayFormatException(string file, long? line, string? jsonPath, string problem, Exception? innerException = null)
        : base(Describe(file, line, jsonPath, problem), innerException)
    {
        File = file;
        Line = line;
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>Gets the file.</summary>
    public string? File { get; }

    /// <summary>Gets the 1-based line, when known.</summary>
    public long? Line { get; }

    /// <summary>Gets the JSON path, when known.</summary>
    public string? JsonPath { get; }

    /// <summary>Gets what is wrong, without the location.</summary>
    public string? Problem { get; }

    private static string Describe(string file, long? line, string? jsonPath, string problem) =>
        $"{file}{(line is { } l ? $":{l}" : string.Empty)}: {(jsonPath is { Length: > 0 } p ? $"{p}: " : string.Empty)}{problem}";
}
