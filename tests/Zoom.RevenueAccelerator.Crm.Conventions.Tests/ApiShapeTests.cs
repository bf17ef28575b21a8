using System.Reflection;
using System.Runtime.CompilerServices;

namespace Zoom.RevenueAccelerator.Crm.Conventions.Tests;

public sealed class ApiShapeTests
{
    [Fact]
    public void Public_async_methods_end_in_Async_and_take_the_cancellation_token_last()
    {
        var problems = new List<string>();
        foreach (var method in PublicMethods())
        {
            var returns = method.ReturnType;
            var isAsync = typeof(Task).IsAssignableFrom(returns) || returns == typeof(ValueTask) || (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(ValueTask<>))
                || (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));
            if (!isAsync || (method.Name == nameof(IAsyncDisposable.DisposeAsync) && method.GetParameters().Length == 0))
            {
                // IAsyncDisposable.DisposeAsync has a fixed shape.
                continue;
            }

            var where = $"{method.DeclaringType!.FullName}.{method.Name}";
            if (!method.Name.EndsWith("Async", StringComparison.Ordinal) && !method.Name.StartsWith("When", StringComparison.Ordinal))
            {
                problems.Add($"{where} is asynchronous but does not end in Async");
            }

            var parameters = method.GetParameters();
            if (parameters.Length == 0 || parameters[^1].ParameterType != typeof(CancellationToken))
            {
                problems.Add($"{where} does not take a CancellationToken last");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Public_models_of_the_abstractions_are_sealed_and_immutable()
    {
        var problems = new List<string>();
        var models = typeof(ICrmConnector).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && !typeof(Exception).IsAssignableFrom(t) && t != typeof(DelegatingCrmConnector) && !(t.IsAbstract && t.IsSealed));
        foreach (var type in models)
        {
            if (!type.IsSealed)
            {
                problems.Add($"{type.FullName} is not sealed");
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var setter = property.SetMethod;
                if (setter is { IsPublic: true } && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
                {
                    problems.Add($"{type.FullName}.{property.Name} has a public setter (use init)");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_SDK_uses_one_telemetry_name()
    {
        Assert.Equal("Zoom.RevenueAccelerator.Crm", CrmDiagnostics.Name);
    }

    private static IEnumerable<MethodInfo> PublicMethods() =>
        ShippingAssemblies.All
            .SelectMany(a => a.GetExportedTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && m.DeclaringType!.Namespace?.StartsWith("Zoom", StringComparison.Ordinal) == true);
}
