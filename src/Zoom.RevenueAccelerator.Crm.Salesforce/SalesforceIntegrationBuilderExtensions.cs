using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zoom.RevenueAccelerator.Crm.Salesforce;
using Zoom.RevenueAccelerator.Crm.Salesforce.Internal;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>Registers the Salesforce connector on the integration builder.</summary>
public static class SalesforceIntegrationBuilderExtensions
{
    /// <summary>
    /// Adds a Salesforce connector under <paramref name="name"/>, with its options validated at start
    /// and its calls made through the named <see cref="SalesforceDefaults.HttpClientName"/> client with
    /// the standard resilience handler.
    /// </summary>
    /// <param name="builder">The integration builder.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <param name="name">The connector's name; connections name it. Default <see cref="SalesforceDefaults.ConnectorName"/>.</param>
    /// <returns>The builder.</returns>
    /// <example><code>services.AddCrmIntegration(crm => crm.AddSalesforce(o => { o.ConsumerKey = "..."; o.PrivateKeyPem = pem; }));</code></example>
    public static ICrmIntegrationBuilder AddSalesforce(this ICrmIntegrationBuilder builder, Action<SalesforceOptions>? configure = null, string name = SalesforceDefaults.ConnectorName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<SalesforceOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<SalesforceOptions>>(new SalesforceOptionsValidator(name));
        if (!services.Any(d => d.ServiceType == typeof(SalesforceHttpMarker)))
        {
            services.AddSingleton<SalesforceHttpMarker>();
            services.AddHttpClient(SalesforceDefaults.HttpClientName, c => c.DefaultRequestVersion = HttpVersion.Version11)
                .AddStandardResilienceHandler(ConfigureResilience);
        }

        builder.AddConnector(name, sp => new SalesforceConnector(
            name,
            sp.GetRequiredService<IOptionsMonitor<SalesforceOptions>>().Get(name),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILoggerFactory>()?.CreateLogger("Zoom.RevenueAccelerator.Crm.Salesforce") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        return builder;
    }

    private static void ConfigureResilience(HttpStandardResilienceOptions o)
    {
        // Salesforce queries of 2,000 rows can take a while; the breaker's sampling must be at least twice the attempt timeout.
        o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(60);
        o.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(3);
        o.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(2);

        // Writes are never replayed by the pipeline: a lost response could have created a record.
        // The write-back worker retries them, and the connector makes that safe.
        o.Retry.DisableForUnsafeHttpMethods();
        var inner = o.Retry.ShouldHandle;
        o.Retry.ShouldHandle = args =>
        {
            // A long Retry-After (or the org's API limit) is for the caller to wait out, with its clock and its progress saved.
            if (args.Outcome is { Result: { } response } && SalesforceHttp.RetryAfter(response) is { } wait
                && response.RequestMessage?.Options.TryGetValue(SalesforceHttp.MaxInlineRetryAfterKey, out var max) == true && wait > max)
            {
                return ValueTask.FromResult(false);
            }

            return inner(args);
        };
    }
}
