using System;
using System.Collections.Generic;
using System.Linq;

namespace Zoom.RevenueAccelerator.Crm.Testing;

/// <summary>What <see cref="CrmConnectorConformance.RunAsync"/> found: one entry per check, in the order run.</summary>
public sealed class CrmConformanceReport
{
    internal CrmConformanceReport(IReadOnlyList<CrmConformanceCheck> checks) => Checks = checks;

    /// <summary>Gets every check, in the order run.</summary>
    public IReadOnlyList<CrmConformanceCheck> Checks { get; }

    /// <summary>Gets the checks the connector failed.</summary>
    public IReadOnlyList<CrmConformanceCheck> Failures => Checks.Where(c => c.Outcome == CrmConformanceOutcome.Failed).ToArray();

    /// <summary>Gets a value indicating whether no check failed.</summary>
    public bool Passed => Checks.All(c => c.Outcome != CrmConformanceOutcome.Failed);

    /// <summary>Gets the check of the given name.</summary>
    /// <param name="name">The check's name, such as <c>lookup.hostile-input</c>.</param>
    /// <returns>The check.</returns>
    /// <exception cref="KeyNotFoundException">No check of that name ran.</exception>
    public CrmConformanceCheck this[string name] =>
        Checks.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No conformance check named '{name}' ran. The checks were: {string.Join(", ", Checks.Select(c => c.Name))}.");

    /// <summary>Throws when any check failed, with every failure in the message; a test calls this last.</summary>
    /// <exception cref="InvalidOperationException">At least one check failed.</exception>
    public void ThrowIfFailed()
    {
        var failures = Failures;
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"The connector failed {failures.Count} of {Checks.Count} conformance checks:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, Checks);
}
