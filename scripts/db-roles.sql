-- The application's login role (README, "Secure it"), for servers the scripts do not make themselves (docker compose).
-- Idempotent: creates the role, or brings an existing one back to an ordinary login role with the given password.
--   psql -v ON_ERROR_STOP=1 -v app_password=SECRET -d monitoring -f scripts/db-roles.sql
-- Its rights on the schema are granted by the API at every start, as the schema owner (ConnectionStrings__MonitoringOwner).
select format('create role monitoring_app login nosuperuser nocreatedb nocreaterole password %L', :'app_password')
where not exists (select 1 from pg_roles where rolname = 'monitoring_app') \gexec
select format('alter role monitoring_app login nosuperuser nocreatedb nocreaterole password %L', :'app_password') \gexec
