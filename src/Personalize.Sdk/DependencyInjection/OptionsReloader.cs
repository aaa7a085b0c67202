using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Engine;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// Applies live option changes. When a change-token source the options monitor listens to fires
/// (a configuration reload), it builds fresh options through the options factory, which runs every
/// validator, and checks them against the rules as a start would; a valid change puts new decision
/// settings in force with one atomic swap, an invalid one (a validation failure, a problem a restart
/// would fail on, or any exception a host's configure step throws) is logged and counted and the
/// last good settings stay: nothing is thrown into the configuration's reload.
/// Changes to options that are read only at start (see <see cref="LiveOptions"/>) are ignored,
/// with a log line naming them.
/// </summary>
internal sealed class OptionsReloader : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IOptionsFactory<PersonalizationOptions> _factory;
    private readonly PersonalizationOptions _start;
    // The options in force: the start's, then each applied reload's (a placement a reload drops keeps these).
    private PersonalizationOptions _current;
    private readonly RuleSet _rules;
    private readonly LiveSettings _settings;
    private readonly PersonalizationMetrics _metrics;
    private readonly ILogger _logger;
    private readonly List<IDisposable> _subscriptions = [];

    public OptionsReloader(OptionsReloadSource source, PersonalizationOptions start, RuleSet rules, LiveSettings settings, PersonalizationMetrics metrics, ILogger logger)
    {
        _factory = source.Factory;
        _start = start;
        _current = start;
        _rules = rules;
        _settings = settings;
        _metrics = metrics;
        _logger = logger;
        foreach (var tokenSource in source.TokenSources)
        {
            // As the options monitor does: a source without a name reports changes to the default options.
            if ((tokenSource.Name ?? Options.DefaultName) == Options.DefaultName)
            {
                _subscriptions.Add(ChangeToken.OnChange(tokenSource.GetChangeToken, Reload));
            }
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    // The assembly whose conversion failures name the setting that failed, and are logged as they are.
    private const string BinderAssembly = "Microsoft.Extensions.Configuration.Binder";

    /// <summary>The setting and type a binder's conversion failure names, without the value it repeats.</summary>
    internal static string DescribeConversionFailure(string message)
    {
        // "Failed to convert configuration value '<value>' at '<path>' to type '<type>'."
        var at = message.LastIndexOf("' at '", StringComparison.Ordinal);
        var to = at < 0 ? -1 : message.IndexOf("' to type '", at + 6, StringComparison.Ordinal);
        if (to < 0)
        {
            return "A configuration value could not be converted; the binder's message is not logged, as it repeats the value.";
        }

        var path = message[(at + 6)..to];
        var type = message[(to + 11)..].TrimEnd('.', '\'', ' ');
        return $"The configuration value at '{path}' could not be converted to type '{type}'; the value is not logged.";
    }

    /// <summary>Reads the options again and applies their live settings, or rejects them whole.</summary>
    public void Reload()
    {
        lock (_gate)
        {
            PersonalizationOptions next;
            try
            {
                next = _factory.Create(Options.DefaultName);
            }
            catch (OptionsValidationException exception)
            {
                Reject(exception.Failures);
                return;
            }
            catch (InvalidOperationException exception) when (exception.Source == BinderAssembly)
            {
                // The configuration binder reports a value it cannot convert this way, naming the
                // setting and repeating the value, which may be a secret pasted into the wrong place.
                Reject([DescribeConversionFailure(exception.Message)]);
                return;
            }
            catch (Exception exception)
            {
                // Anything else a host's Configure or PostConfigure step throws: a reload is rejected
                // whole, never thrown into the configuration's reload. Its message may carry the value
                // that failed (a connection string, a key), so only its type is logged.
                Reject([$"A step configuring the options threw {exception.GetType().FullName}; its message is not logged."]);
                return;
            }

            // The whole of it, as a restart would check it, before its live settings are merged in.
            var problems = new List<string>();
            _rules.FindProblems(next, problems);
            if (problems.Count > 0)
            {
                Reject(problems);
                return;
            }

            var merged = LiveOptions.Merge(_start, _current, next);
            var placements = _rules.Reweigh(merged, problems);
            if (problems.Count > 0)
            {
                Reject(problems);
                return;
            }

            var previous = _settings.Swap(new DecisionSettings(merged, placements));
            _current = merged;
            _rules.PublishWeights(merged);
            _metrics.OptionsReloaded("applied");
            Log.OptionsReloadApplied(_logger, merged.KillSwitch ? "on" : "off", merged.MinConfidence, merged.MaxCount, merged.MaxPerCategory);
            if (previous.KillSwitch != merged.KillSwitch)
            {
                Log.KillSwitchChanged(_logger, merged.KillSwitch ? "on" : "off", merged.KillSwitch ? "off" : "back on");
            }

            var restartOnly = LiveOptions.RestartOnlyChanges(_start, next);
            if (restartOnly.Count > 0)
            {
                Log.OptionsNeedRestart(_logger, string.Join(", ", restartOnly));
            }
        }
    }

    private void Reject(IEnumerable<string> failures)
    {
        _metrics.OptionsReloaded("rejected");
        Log.OptionsReloadRejected(_logger, string.Join(" ", failures));
    }
}
