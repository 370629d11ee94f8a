using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoranInclusion.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LanguesParlees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LanguesParlees",
                table: "sites",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LanguesParlees",
                table: "sites");
        }
    }
}
