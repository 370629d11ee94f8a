using System;
using Microsoft.EntityFrameworkCore.Migrations;
using ScoranInclusion.Domain.Sites;

#nullable disable

namespace ScoranInclusion.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SourcesHistoryMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LocationPrecision",
                table: "sites",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "Address");

            // Places stored before this migration without a point have none, not an address point.
            migrationBuilder.Sql("UPDATE sites SET LocationPrecision = 'None' WHERE Latitude IS NULL OR Longitude IS NULL;");

            migrationBuilder.CreateTable(
                name: "site_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OldValue = table.Column<string>(type: "TEXT", nullable: true),
                    NewValue = table.Column<string>(type: "TEXT", nullable: true),
                    RelatedSiteId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_site_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "site_merge_candidates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<long>(type: "INTEGER", nullable: false),
                    OtherSiteId = table.Column<long>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    NameScore = table.Column<double>(type: "REAL", nullable: false),
                    StreetScore = table.Column<double>(type: "REAL", nullable: false),
                    DistanceScore = table.Column<double>(type: "REAL", nullable: true),
                    DistanceMeters = table.Column<double>(type: "REAL", nullable: true),
                    DetectedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DetectedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    MergeId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_site_merge_candidates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "site_merges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TargetSiteId = table.Column<long>(type: "INTEGER", nullable: false),
                    AbsorbedSiteId = table.Column<long>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Provenance = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    NameScore = table.Column<double>(type: "REAL", nullable: false),
                    StreetScore = table.Column<double>(type: "REAL", nullable: false),
                    DistanceScore = table.Column<double>(type: "REAL", nullable: true),
                    DistanceMeters = table.Column<double>(type: "REAL", nullable: true),
                    MergedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    MergedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: false),
                    UndoneAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    UndoneBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RestoredSiteId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_site_merges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "site_sources",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<long>(type: "INTEGER", nullable: false),
                    Provenance = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DateMaj = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    LocationPrecision = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    MergeId = table.Column<long>(type: "INTEGER", nullable: true)
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
                name: "site_field_sources",
                columns: table => new
                {
                    SiteId = table.Column<long>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SourceRecordId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_site_field_sources", x => new { x.SiteId, x.Field, x.SourceRecordId });
                    table.ForeignKey(
                        name: "FK_site_field_sources_site_sources_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "site_sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_site_field_sources_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sites_CodePostal",
                table: "sites",
                column: "CodePostal");

            migrationBuilder.CreateIndex(
                name: "IX_site_changes_SiteId_Id",
                table: "site_changes",
                columns: new[] { "SiteId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_site_field_sources_SourceRecordId",
                table: "site_field_sources",
                column: "SourceRecordId");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "site_changes");

            migrationBuilder.DropTable(
                name: "site_field_sources");

            migrationBuilder.DropTable(
                name: "site_merge_candidates");

            migrationBuilder.DropTable(
                name: "site_sources");

            migrationBuilder.DropTable(
                name: "site_merges");

            migrationBuilder.DropIndex(
                name: "IX_sites_CodePostal",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "LocationPrecision",
                table: "sites");
        }
    }
}
