# The monitoring API. Build from the repository root: docker build -t monitoring-api .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY nuget.config Directory.Build.props Directory.Packages.props Monitoring.sln ./
COPY build/ build/
COPY src/ src/
COPY data/ data/
RUN dotnet publish src/Api/Monitoring.Api.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Monitoring.Api.dll"]
