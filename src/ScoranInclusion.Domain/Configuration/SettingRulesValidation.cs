using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ScoranInclusion.Domain.Configuration;

/// <summary>
/// The validation of an options class whose rules are all attributes (<see cref="SettingRules"/>): one class for every
/// such section, the section's name given at registration. Classes with rules across keys keep a validator of their own.
/// </summary>
public sealed class SettingRulesValidation<TOptions>(string section, IConfiguration? configuration) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        SettingRules.Problems(options, section, key => configuration?[key]) is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems)
            : ValidateOptionsResult.Success;
}

public static class SettingRulesServiceCollectionExtensions
{
    /// <summary>Checks <typeparamref name="TOptions"/> (bound from <paramref name="section"/>) against its attributes, once per container.</summary>
    public static IServiceCollection AddSettingRules<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, SettingRulesValidation<TOptions>>(
            provider => new SettingRulesValidation<TOptions>(section, provider.GetService<IConfiguration>())));
        return services;
    }
}
