using System;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm.Cli;

/// <summary>The entry point of <c>zra-crm</c>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new System.Threading.CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var stdout = Console.OpenStandardOutput();
        await using var closeStdout = stdout.ConfigureAwait(false);
        return await ZraCrm.RunAsync(args, stdout, Console.Error, cancel.Token).ConfigureAwait(false);
    }
}
