using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>Finds a registered connector by the name it was registered under.</summary>
public interface ICrmConnectorProvider
{
    /// <summary>Gets the names of every registered connector.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>Gets a connector.</summary>
    /// <param name="name">The name it was registered under (case-insensitive).</param>
    /// <returns>The connector.</returns>
    /// <exception cref="System.ArgumentException">No connector has that name; the message lists the names there are.</exception>
    ICrmConnector GetConnector(string name);
}
