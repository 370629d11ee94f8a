using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoranInclusion.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class GivenFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Per-field provenance moves from one row per (place, field, record) to one list per record:
            // a record feeds one place, so the list of the fields it gives sits on the record itself.
            migrationBuilder.AddColumn<string>(
                name: "GivenFields",
                table: "site_sources",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE site_sources
                SET GivenFields = (SELECT group_concat(f.Field, ',') FROM site_field_sources AS f
                                   WHERE f.SourceRecordId = site_sources.Id AND f.SiteId = site_sources.SiteId)
                WHERE EXISTS (SELECT 1 FROM site_field_sources AS f
                              WHERE f.SourceRecordId = site_sources.Id AND f.SiteId = site_sources.SiteId);
                """);

            migrationBuilder.DropTable(
                name: "site_field_sources");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_site_field_sources_SourceRecordId",
                table: "site_field_sources",
                column: "SourceRecordId");

            migrationBuilder.Sql("""
                WITH RECURSIVE split(SiteId, SourceRecordId, Field, Rest) AS (
                    SELECT SiteId, Id, NULL, GivenFields || ',' FROM site_sources WHERE GivenFields IS NOT NULL
                    UNION ALL
                    SELECT SiteId, SourceRecordId, substr(Rest, 1, instr(Rest, ',') - 1), substr(Rest, instr(Rest, ',') + 1)
                    FROM split WHERE Rest <> '')
                INSERT OR IGNORE INTO site_field_sources (SiteId, Field, SourceRecordId)
                SELECT SiteId, Field, SourceRecordId FROM split WHERE Field IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "GivenFields",
                table: "site_sources");
        }
    }
}
