using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoranInclusion.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Moderation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "moderation_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SubmitterAccountId = table.Column<long>(type: "INTEGER", nullable: true),
                    Departement = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    SiteId = table.Column<long>(type: "INTEGER", nullable: true),
                    Proposal = table.Column<string>(type: "TEXT", nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReportedFields = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_moderation_items", x => x.Id);
                });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "moderation_items");
        }
    }
}
