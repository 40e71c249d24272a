namespace Assemblee.DemoData;

public static class DemoDataExtensions
{
    /// <summary>The demonstration's actors and steps, calling the gateway at <paramref name="gateway"/>.</summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services, Uri gateway)
    {
        services.AddHttpClient(DemoActors.Gateway, http => http.BaseAddress = gateway);
        services.TryAddSingleton(TimeProvider.System);
        return services.AddSingleton<DemoActors>().AddSingleton<DemoAssembly>();
    }
}
