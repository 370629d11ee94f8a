using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoranInclusion.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ModerationDigest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DigestedAt",
                table: "moderation_items",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DigestedAt",
                table: "moderation_items");
        }
    }
}
