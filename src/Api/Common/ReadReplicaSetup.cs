using System.Collections.Concurrent;
using System.Reflection;
using Monitoring.Api.Health;
using Monitoring.Projections.Common;

namespace Monitoring.Api.Common;

/// <summary>
/// The read side's composition: the query services (<c>*Queries</c>, the evidence loader) made per request by
/// <see cref="ReadSide"/> on the primary or the replica, the session listener that tells a write's sequence, and — when
/// <c>ConnectionStrings:MonitoringReplica</c> names a hot standby — the replica, its sampler and its health check.
/// Without that setting every query reads the primary as before.
/// </summary>
public static class ReadReplicaSetup
{
    public const string ConnectionStringName = "MonitoringReplica";

    public static WebApplicationBuilder AddReadSide(this WebApplicationBuilder builder, IReadOnlyList<Type> queryServices, string schema)
    {
        var settings = builder.Configuration.GetSection(ReadReplicaSettings.Section).Get<ReadReplicaSettings>() ?? new ReadReplicaSettings();
        builder.Environment.RefuseIf(settings.RefusalReason());
        builder.Services.AddSingleton(settings);
        builder.Services.AddScoped<ReadSide>();
        builder.Services.AddSingleton(new ReadSideTypes(queryServices));
        // Made by the container as before (on the primary's query session) for pages, handlers and jobs; an API read routed
        // to the replica gets its own, made on the replica (ReplicaServices).
        foreach (var type in queryServices) builder.Services.AddScoped(type);
        builder.Services.ConfigureMarten(o => o.Listeners.Add(WrittenSequence.Listener));

        var replica = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(replica))
        {
            builder.Services.AddSingleton(sp => new ReadReplica((StoreOptions)sp.GetRequiredService<IDocumentStore>().Options, replica, schema));
            builder.Services.AddHostedService<ReadReplicaSampler>();
            builder.Services.AddHealthChecks().AddCheck<ReplicaHealthCheck>("replica");
        }
        return builder;
    }

    /// <summary>Read-your-writes and the read source: after authentication and authorization, so nobody unknown is kept waiting.</summary>
    public static WebApplication UseReadYourWrites(this WebApplication app)
    {
        app.UseMiddleware<ReadYourWritesMiddleware>();
        return app;
    }
}

/// <summary>What an API read endpoint reads: nothing of the read side, the event store and its inline read models, or the asynchronous survey read model too.</summary>
public enum ReadKind
{
    None,
    Events,
    ReadModels,
}

/// <summary>
/// The query services, how each is made on the replica, and what each reads, and so what an endpoint reads, from the
/// services its handler takes: a service made with the read-model tables (<see cref="ReadModelDatabase"/>, the
/// asynchronous survey facts), directly or through another query service, reads them.
/// </summary>
public sealed class ReadSideTypes
{
    private readonly IReadOnlyDictionary<Type, bool> _readsModels;
    private readonly IReadOnlyDictionary<Type, (ObjectFactory Make, Type[] Given)> _factories;
    private readonly ConcurrentDictionary<Endpoint, ReadKind> _endpoints = new();

    public ReadSideTypes(IReadOnlyList<Type> queryServices)
    {
        var set = queryServices.ToHashSet();
        bool ReadsModels(Type type, int depth) => depth < 4 && type.GetConstructors().Single().GetParameters()
            .Any(p => p.ParameterType == typeof(ReadModelDatabase) || (set.Contains(p.ParameterType) && ReadsModels(p.ParameterType, depth + 1)));
        _readsModels = set.ToDictionary(t => t, t => ReadsModels(t, 0));
        // The session and the read-model tables are given (the replica's); anything else (the journal verifier, another query
        // service) comes from the request's services.
        _factories = set.ToDictionary(t => t, t =>
        {
            var given = t.GetConstructors().Single().GetParameters().Select(p => p.ParameterType)
                .Where(p => p == typeof(IQuerySession) || p == typeof(ReadModelDatabase)).ToArray();
            return (ActivatorUtilities.CreateFactory(t, given), given);
        });
    }

    /// <summary>A query service made on the replica, or null for any other type.</summary>
    public object? OnReplica(Type type, ReadSide side, IServiceProvider services) =>
        _factories.TryGetValue(type, out var f)
            ? f.Make(services, [.. f.Given.Select(t => t == typeof(IQuerySession) ? (object)side.ReplicaSession : side.ReplicaReadModels)])
            : null;

    public ReadKind KindOf(Endpoint endpoint) => _endpoints.GetOrAdd(endpoint, e =>
    {
        var parameters = e.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [];
        var used = parameters.Select(p => _readsModels.TryGetValue(p.ParameterType, out var models) ? (bool?)models : null).Where(m => m is not null).ToList();
        return used.Count == 0 ? ReadKind.None : used.Any(m => m == true) ? ReadKind.ReadModels : ReadKind.Events;
    });
}

/// <summary>
/// The services of a request that reads the replica: its query services made on the replica (once each, as scoped ones
/// are), everything else the request's own. Minimal API handlers take their services from <c>HttpContext.RequestServices</c>.
/// </summary>
public sealed class ReplicaServices(IServiceProvider inner, ReadSide side, ReadSideTypes types) : IServiceProvider, ISupportRequiredService, IKeyedServiceProvider
{
    private readonly Dictionary<Type, object> _made = [];

    public object? GetService(Type serviceType)
    {
        if (_made.TryGetValue(serviceType, out var made)) return made;
        if (types.OnReplica(serviceType, side, this) is not { } service) return inner.GetService(serviceType);
        _made[serviceType] = service;
        return service;
    }

    public object GetRequiredService(Type serviceType) =>
        GetService(serviceType) ?? throw new InvalidOperationException($"No service for type '{serviceType}' has been registered.");

    public object? GetKeyedService(Type serviceType, object? serviceKey) => ((IKeyedServiceProvider)inner).GetKeyedService(serviceType, serviceKey);

    public object GetRequiredKeyedService(Type serviceType, object? serviceKey) => ((IKeyedServiceProvider)inner).GetRequiredKeyedService(serviceType, serviceKey);
}

/// <summary>Samples the replica (<see cref="ReadReplica.SampleAsync"/>) for the routing of reads, the health check and the metrics.</summary>
public sealed class ReadReplicaSampler(ReadReplica replica, IDocumentStore store, ReadModelDatabase primary, ReadReplicaSettings settings,
    ILogger<ReadReplicaSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(settings.SampleEvery);
        string? problem = null;
        do
        {
            try
            {
                var state = await replica.SampleAsync(store, primary.DataSource, ct);
                // Said once when it changes, not once a second.
                if (state.Problem != problem)
                {
                    if (state.Problem is null) logger.LogInformation("Reads go to the replica again (at sequence {Sequence})", state.Sequence);
                    else logger.LogWarning("Reads go to the primary: the replica is {Problem}", state.Problem);
                    problem = state.Problem;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogDebug(e, "Replica not sampled");
            }
        } while (await timer.WaitForNextTickAsync(ct));
    }
}
