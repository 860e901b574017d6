// The namespaces most files of this project use, once for all (as the SDK's implicit usings do for System.*).
global using JasperFx.Events.Projections;
global using JasperFx.Events;
global using Marten.Events.Aggregation;
global using Marten;
global using Monitoring.Domain.Assessments;
global using Monitoring.Domain.Catalogue;
global using Monitoring.Domain.Common;
global using Monitoring.Domain.Inspections;
global using Monitoring.Domain.Surveys;
global using Monitoring.Projections.Catalogue;
global using Monitoring.Projections.Common;
global using Npgsql;
