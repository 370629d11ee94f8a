using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoranInclusion.Storage.Postgres.Migrations
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
                type: "timestamp with time zone",
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
