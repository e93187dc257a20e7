using System.Diagnostics;
using Spectre.Console;

namespace QdSim.Runner.Cli;

/// <summary>
/// Progress for long work: a Spectre.Console bar with ETA on an interactive terminal, plain timestamped lines
/// (at most one every few seconds) when output is redirected or in CI. Engine and analysis report a fraction
/// in [0, 1] through <see cref="IProgress{T}"/> and never know which one is attached.
/// </summary>
public static class ProgressReporter
{
    /// <summary>True when stdout is a terminal that can draw a live bar.</summary>
    public static bool IsInteractive =>
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null &&
        AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> with a progress sink labelled <paramref name="label"/>.</summary>
    public static T Run<T>(string label, Func<IProgress<double>, T> work)
    {
        if (IsInteractive)
        {
            T result = default!;
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(label, maxValue: 1.0);
                    result = work(new Progress(fraction => task.Value = Math.Clamp(fraction, 0, 1)));
                    task.Value = 1.0;
                });
            return result;
        }

        var sink = new PlainLines(label);
        var value = work(sink);
        sink.Finish();
        return value;
    }

    /// <summary>Synchronous IProgress (System.Progress posts to the thread pool and can report out of order).</summary>
    private sealed class Progress(Action<double> onReport) : IProgress<double>
    {
        public void Report(double value) => onReport(value);
    }

    private sealed class PlainLines(string label) : IProgress<double>
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _lastLine = TimeSpan.Zero;
        private readonly object _gate = new();

        public void Report(double fraction)
        {
            lock (_gate)
            {
                var now = _clock.Elapsed;
                if (now - _lastLine < Interval) return;
                _lastLine = now;
                fraction = Math.Clamp(fraction, 0, 1);
                string eta = fraction > 1e-3
                    ? $", about {TimeSpan.FromSeconds(now.TotalSeconds * (1 - fraction) / fraction):hh\\:mm\\:ss} left"
                    : "";
                Console.Error.WriteLine($"{label}: {fraction * 100:F1}% after {now:hh\\:mm\\:ss}{eta}");
            }
        }

        public void Finish() => Console.Error.WriteLine($"{label}: done in {_clock.Elapsed:hh\\:mm\\:ss}");
    }
}
