using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoranInclusion.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SiteEditing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastConfirmedAt",
                table: "sites",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EditedFields",
                table: "site_sources",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SiteVersion",
                table: "site_changes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_site_changes_ChangedAt",
                table: "site_changes",
                column: "ChangedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_site_changes_ChangedAt",
                table: "site_changes");

            migrationBuilder.DropColumn(
                name: "LastConfirmedAt",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "EditedFields",
                table: "site_sources");

            migrationBuilder.DropColumn(
                name: "SiteVersion",
                table: "site_changes");
        }
    }
}
