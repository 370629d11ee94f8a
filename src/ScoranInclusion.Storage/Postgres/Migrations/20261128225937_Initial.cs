using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using ScoranInclusion.Domain.Sites;

#nullable disable

namespace ScoranInclusion.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScopeSiteIds = table.Column<string>(type: "text", nullable: true),
                    ScopePivot = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: true),
                    ScopeDepartement = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FailedLogins = table.Column<int>(type: "integer", nullable: false),
                    LockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DisabledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "moderation_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SubmitterAccountId = table.Column<long>(type: "bigint", nullable: true),
                    Departement = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    SiteId = table.Column<long>(type: "bigint", nullable: true),
                    Proposal = table.Column<string>(type: "text", nullable: true),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ReportedFields = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_moderation_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "seed_runs",
                columns: table => new
                {
                    Dataset = table.Column<string>(type: "text", nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_seed_runs", x => x.Dataset);
                });

            migrationBuilder.CreateTable(
                name: "site_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<long>(type: "bigint", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Operation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Field = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OldValue = table.Column<string>(type: "text", nullable: true),
                    NewValue = table.Column<string>(type: "text", nullable: true),
                    RelatedSiteId = table.Column<long>(type: "bigint", nullable: true),
                    SiteVersion = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_site_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "site_merge_candidates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<long>(type: "bigint", nullable: false),
                    OtherSiteId = table.Column<long>(type: "bigint", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    NameScore = table.Column<double>(type: "double precision", nullable: false),
                    StreetScore = table.Column<double>(type: "double precision", nullable: false),
                    DistanceScore = table.Column<double>(type: "double precision", nullable: true),
                    DistanceMeters = table.Column<double>(type: "double precision", nullable: true),
                    DetectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DetectedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MergeId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_site_merge_candidates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "site_merges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TargetSiteId = table.Column<long>(type: "bigint", nullable: false),
                    AbsorbedSiteId = table.Column<long>(type: "bigint", nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Provenance = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SourceId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    NameScore = table.Column<double>(type: "double precision", nullable: false),
                    StreetScore = table.Column<double>(type: "double precision", nullable: false),
                    DistanceScore = table.Column<double>(type: "double precision", nullable: true),
                    DistanceMeters = table.Column<double>(type: "double precision", nullable: true),
                    MergedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MergedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Before = table.Column<string>(type: "text", nullable: false),
                    UndoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UndoneBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RestoredSiteId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_site_merges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sites",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Provenance = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SourceId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Pivot = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    Nom = table.Column<string>(type: "text", nullable: false),
                    Commune = table.Column<string>(type: "text", nullable: false),
                    CodePostal = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    CodeInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    Adresse = table.Column<string>(type: "text", nullable: false),
                    ComplementAdresse = table.Column<string>(type: "text", nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Typologie = table.Column<string>(type: "text", nullable: true),
                    Telephone = table.Column<string>(type: "text", nullable: true),
                    Courriels = table.Column<string>(type: "text", nullable: true),
                    SiteWeb = table.Column<string>(type: "text", nullable: true),
                    Horaires = table.Column<string>(type: "text", nullable: true),
                    PresentationResume = table.Column<string>(type: "character varying(280)", maxLength: 280, nullable: true),
                    PresentationDetail = table.Column<string>(type: "text", nullable: true),
                    Source = table.Column<string>(type: "text", nullable: true),
                    Itinerance = table.Column<string>(type: "text", nullable: true),
                    StructureParente = table.Column<string>(type: "text", nullable: true),
                    DateMaj = table.Column<DateOnly>(type: "date", nullable: false),
                    Services = table.Column<string>(type: "text", nullable: true),
                    PublicsSpecifiquementAdresses = table.Column<string>(type: "text", nullable: true),
                    PriseEnChargeSpecifique = table.Column<string>(type: "text", nullable: true),
                    FraisACharge = table.Column<string>(type: "text", nullable: true),
                    DispositifProgrammesNationaux = table.Column<string>(type: "text", nullable: true),
                    FormationsLabels = table.Column<string>(type: "text", nullable: true),
                    AutresFormationsLabels = table.Column<string>(type: "text", nullable: true),
                    ModalitesAcces = table.Column<string>(type: "text", nullable: true),
                    ModalitesAccompagnement = table.Column<string>(type: "text", nullable: true),
                    FicheAccesLibre = table.Column<string>(type: "text", nullable: true),
                    PriseRdv = table.Column<string>(type: "text", nullable: true),
                    LocationPrecision = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    LastConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Location = table.Column<Point>(type: "geography (point, 4326)", nullable: true, computedColumnSql: "ST_SetSRID(ST_MakePoint(\"Longitude\", \"Latitude\"), 4326)::geography", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sites", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "account_tokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_account_tokens_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "itinerant_routes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "text", nullable: true),
                    OperatorSiteId = table.Column<long>(type: "bigint", nullable: true),
                    IsExample = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_itinerant_routes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_itinerant_routes_sites_OperatorSiteId",
                        column: x => x.OperatorSiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "offers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<long>(type: "bigint", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Description = table.Column<string>(type: "text", nullable: true),
                    Themes = table.Column<string>(type: "text", nullable: false),
                    Publics = table.Column<string>(type: "text", nullable: true),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Format = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Fee = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FeeCondition = table.Column<string>(type: "text", nullable: true),
                    RegistrationUrl = table.Column<string>(type: "text", nullable: true),
                    RegistrationTelephone = table.Column<string>(type: "text", nullable: true),
                    RegistrationCourriel = table.Column<string>(type: "text", nullable: true),
                    RegistrationOnSite = table.Column<bool>(type: "boolean", nullable: false),
                    AccessibilityNotes = table.Column<string>(type: "text", nullable: true),
                    IsExample = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_offers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_offers_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "site_sources",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<long>(type: "bigint", nullable: false),
                    Provenance = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SourceId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DateMaj = table.Column<DateOnly>(type: "date", nullable: false),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Snapshot = table.Column<string>(type: "text", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    LocationPrecision = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    EditedFields = table.Column<string>(type: "text", nullable: true),
                    GivenFields = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    MergeId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_site_sources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_site_sources_site_merges_MergeId",
                        column: x => x.MergeId,
                        principalTable: "site_merges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_site_sources_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "itinerant_stops",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RouteId = table.Column<long>(type: "bigint", nullable: false),
                    Commune = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CodeInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Adresse = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: false),
                    Longitude = table.Column<double>(type: "double precision", nullable: false),
                    OpeningHours = table.Column<string>(type: "text", nullable: true),
                    Visits = table.Column<string>(type: "text", nullable: true),
                    Location = table.Column<Point>(type: "geography (point, 4326)", nullable: true, computedColumnSql: "ST_SetSRID(ST_MakePoint(\"Longitude\", \"Latitude\"), 4326)::geography", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_itinerant_stops", x => x.Id);
                    table.ForeignKey(
                        name: "FK_itinerant_stops_itinerant_routes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "itinerant_routes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "session_series",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OfferId = table.Column<long>(type: "bigint", nullable: false),
                    Days = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    EndTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    FromDate = table.Column<DateOnly>(type: "date", nullable: false),
                    UntilDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Skipped = table.Column<string>(type: "text", nullable: true),
                    Changes = table.Column<string>(type: "text", nullable: true),
                    SiteId = table.Column<long>(type: "bigint", nullable: true),
                    StopId = table.Column<long>(type: "bigint", nullable: true),
                    RemoteUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Capacity = table.Column<int>(type: "integer", nullable: true),
                    ExpandedThrough = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_session_series", x => x.Id);
                    table.ForeignKey(
                        name: "FK_session_series_offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OfferId = table.Column<long>(type: "bigint", nullable: false),
                    SeriesId = table.Column<long>(type: "bigint", nullable: true),
                    OccurrenceDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SiteId = table.Column<long>(type: "bigint", nullable: true),
                    StopId = table.Column<long>(type: "bigint", nullable: true),
                    RemoteUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    StartsAtUnix = table.Column<long>(type: "bigint", nullable: false),
                    EndsAtUnix = table.Column<long>(type: "bigint", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: true),
                    SeatsTaken = table.Column<int>(type: "integer", nullable: false),
                    Cancelled = table.Column<bool>(type: "boolean", nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sessions_itinerant_stops_StopId",
                        column: x => x.StopId,
                        principalTable: "itinerant_stops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sessions_offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sessions_session_series_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "session_series",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sessions_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_account_tokens_AccountId",
                table: "account_tokens",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_account_tokens_TokenHash",
                table: "account_tokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_Email",
                table: "accounts",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_itinerant_routes_OperatorSiteId",
                table: "itinerant_routes",
                column: "OperatorSiteId");

            migrationBuilder.CreateIndex(
                name: "IX_itinerant_stops_CodeInsee",
                table: "itinerant_stops",
                column: "CodeInsee");

            migrationBuilder.CreateIndex(
                name: "IX_itinerant_stops_Location",
                table: "itinerant_stops",
                column: "Location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_itinerant_stops_RouteId",
                table: "itinerant_stops",
                column: "RouteId");

            migrationBuilder.CreateIndex(
                name: "IX_moderation_items_SiteId",
                table: "moderation_items",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_moderation_items_Status_Departement",
                table: "moderation_items",
                columns: new[] { "Status", "Departement" });

            migrationBuilder.CreateIndex(
                name: "IX_moderation_items_SubmitterAccountId",
                table: "moderation_items",
                column: "SubmitterAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_offers_SiteId",
                table: "offers",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_session_series_OfferId",
                table: "session_series",
                column: "OfferId");

            migrationBuilder.CreateIndex(
                name: "IX_session_series_UntilDate",
                table: "session_series",
                column: "UntilDate");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_OfferId_StartsAtUnix",
                table: "sessions",
                columns: new[] { "OfferId", "StartsAtUnix" });

            migrationBuilder.CreateIndex(
                name: "IX_sessions_SeriesId_OccurrenceDate",
                table: "sessions",
                columns: new[] { "SeriesId", "OccurrenceDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sessions_SiteId_StartsAtUnix",
                table: "sessions",
                columns: new[] { "SiteId", "StartsAtUnix" });

            migrationBuilder.CreateIndex(
                name: "IX_sessions_StartsAtUnix",
                table: "sessions",
                column: "StartsAtUnix");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_StopId",
                table: "sessions",
                column: "StopId");

            migrationBuilder.CreateIndex(
                name: "IX_site_changes_ChangedAt",
                table: "site_changes",
                column: "ChangedAt");

            migrationBuilder.CreateIndex(
                name: "IX_site_changes_SiteId_Id",
                table: "site_changes",
                columns: new[] { "SiteId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_site_merge_candidates_OtherSiteId",
                table: "site_merge_candidates",
                column: "OtherSiteId");

            migrationBuilder.CreateIndex(
                name: "IX_site_merge_candidates_SiteId_OtherSiteId",
                table: "site_merge_candidates",
                columns: new[] { "SiteId", "OtherSiteId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_site_merge_candidates_Status",
                table: "site_merge_candidates",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_site_merges_TargetSiteId",
                table: "site_merges",
                column: "TargetSiteId");

            migrationBuilder.CreateIndex(
                name: "IX_site_sources_MergeId",
                table: "site_sources",
                column: "MergeId");

            migrationBuilder.CreateIndex(
                name: "IX_site_sources_Provenance_SourceId",
                table: "site_sources",
                columns: new[] { "Provenance", "SourceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_site_sources_SiteId",
                table: "site_sources",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_sites_CodeInsee",
                table: "sites",
                column: "CodeInsee");

            migrationBuilder.CreateIndex(
                name: "IX_sites_CodePostal",
                table: "sites",
                column: "CodePostal");

            migrationBuilder.CreateIndex(
                name: "IX_sites_Location",
                table: "sites",
                column: "Location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_sites_Provenance_SourceId",
                table: "sites",
                columns: new[] { "Provenance", "SourceId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_tokens");

            migrationBuilder.DropTable(
                name: "moderation_items");

            migrationBuilder.DropTable(
                name: "seed_runs");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "site_changes");

            migrationBuilder.DropTable(
                name: "site_merge_candidates");

            migrationBuilder.DropTable(
                name: "site_sources");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "itinerant_stops");

            migrationBuilder.DropTable(
                name: "session_series");

            migrationBuilder.DropTable(
                name: "site_merges");

            migrationBuilder.DropTable(
                name: "itinerant_routes");

            migrationBuilder.DropTable(
                name: "offers");

            migrationBuilder.DropTable(
                name: "sites");
        }
    }
}
