namespace Zoom.RevenueAccelerator.Crm.Testing;

/// <summary>The stores <see cref="CrmStoreConformance.RunAsync"/> checks; the checks of a store not given are skipped.</summary>
public sealed class CrmStoreConformanceOptions
{
    /// <summary>Gets the CRM data store to check, or <see langword="null"/>.</summary>
    public ICrmDataStore? DataStore { get; init; }

    /// <summary>Gets the credential store to check, or <see langword="null"/>.</summary>
    public ICrmCredentialStore? CredentialStore { get; init; }

    /// <summary>Gets the connection store to check, or <see langword="null"/>.</summary>
    public ICrmConnectionStore? ConnectionStore { get; init; }
}
