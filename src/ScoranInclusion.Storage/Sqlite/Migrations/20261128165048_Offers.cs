using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoranInclusion.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Offers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "itinerant_routes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    OperatorSiteId = table.Column<long>(type: "INTEGER", nullable: true),
                    IsExample = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<long>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    Themes = table.Column<string>(type: "TEXT", nullable: false),
                    Publics = table.Column<string>(type: "TEXT", nullable: true),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Fee = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FeeCondition = table.Column<string>(type: "TEXT", nullable: true),
                    RegistrationUrl = table.Column<string>(type: "TEXT", nullable: true),
                    RegistrationTelephone = table.Column<string>(type: "TEXT", nullable: true),
                    RegistrationCourriel = table.Column<string>(type: "TEXT", nullable: true),
                    RegistrationOnSite = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessibilityNotes = table.Column<string>(type: "TEXT", nullable: true),
                    IsExample = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "itinerant_stops",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RouteId = table.Column<long>(type: "INTEGER", nullable: false),
                    Commune = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CodeInsee = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Adresse = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: false),
                    Longitude = table.Column<double>(type: "REAL", nullable: false),
                    OpeningHours = table.Column<string>(type: "TEXT", nullable: true),
                    Visits = table.Column<string>(type: "TEXT", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OfferId = table.Column<long>(type: "INTEGER", nullable: false),
                    Days = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    EndTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    FromDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UntilDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Skipped = table.Column<string>(type: "TEXT", nullable: true),
                    Changes = table.Column<string>(type: "TEXT", nullable: true),
                    SiteId = table.Column<long>(type: "INTEGER", nullable: true),
                    StopId = table.Column<long>(type: "INTEGER", nullable: true),
                    RemoteUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    ExpandedThrough = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OfferId = table.Column<long>(type: "INTEGER", nullable: false),
                    SeriesId = table.Column<long>(type: "INTEGER", nullable: true),
                    OccurrenceDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SiteId = table.Column<long>(type: "INTEGER", nullable: true),
                    StopId = table.Column<long>(type: "INTEGER", nullable: true),
                    RemoteUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StartsAtUnix = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAtUnix = table.Column<long>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    SeatsTaken = table.Column<int>(type: "INTEGER", nullable: false),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "IX_itinerant_routes_OperatorSiteId",
                table: "itinerant_routes",
                column: "OperatorSiteId");

            migrationBuilder.CreateIndex(
                name: "IX_itinerant_stops_CodeInsee",
                table: "itinerant_stops",
                column: "CodeInsee");

            migrationBuilder.CreateIndex(
                name: "IX_itinerant_stops_RouteId",
                table: "itinerant_stops",
                column: "RouteId");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "itinerant_stops");

            migrationBuilder.DropTable(
                name: "session_series");

            migrationBuilder.DropTable(
                name: "itinerant_routes");

            migrationBuilder.DropTable(
                name: "offers");
        }
    }
}
