using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Options;

namespace Zoom.RevenueAccelerator.Crm.Internal;

/// <summary>Validates <see cref="CrmIntegrationOptions"/> at start, naming each bad setting.</summary>
internal sealed class CrmIntegrationOptionsValidator(IEnumerable<CrmConnectorRegistration> registrations) : IValidateOptions<CrmIntegrationOptions>
{
    public ValidateOptionsResult Validate(string? name, CrmIntegrationOptions options)
    {
        var errors = CrmConnectionSettingsValidator.Validate(options.DefaultSettings, "CrmIntegrationOptions.DefaultSettings");
        if (!registrations.Any())
        {
            errors.Add("No CRM connector is registered: call a provider's method (AddSalesforce, ...) or AddConnector inside AddCrmIntegration.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
