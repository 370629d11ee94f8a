using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoranInclusion.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "seed_runs",
                columns: table => new
                {
                    Dataset = table.Column<string>(type: "TEXT", nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_seed_runs", x => x.Dataset);
                });

            migrationBuilder.CreateTable(
                name: "sites",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Provenance = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Pivot = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    Nom = table.Column<string>(type: "TEXT", nullable: false),
                    Commune = table.Column<string>(type: "TEXT", nullable: false),
                    CodePostal = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    CodeInsee = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    Adresse = table.Column<string>(type: "TEXT", nullable: false),
                    ComplementAdresse = table.Column<string>(type: "TEXT", nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    Typologie = table.Column<string>(type: "TEXT", nullable: true),
                    Telephone = table.Column<string>(type: "TEXT", nullable: true),
                    Courriels = table.Column<string>(type: "TEXT", nullable: true),
                    SiteWeb = table.Column<string>(type: "TEXT", nullable: true),
                    Horaires = table.Column<string>(type: "TEXT", nullable: true),
                    PresentationResume = table.Column<string>(type: "TEXT", maxLength: 280, nullable: true),
                    PresentationDetail = table.Column<string>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", nullable: true),
                    Itinerance = table.Column<string>(type: "TEXT", nullable: true),
                    StructureParente = table.Column<string>(type: "TEXT", nullable: true),
                    DateMaj = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Services = table.Column<string>(type: "TEXT", nullable: true),
                    PublicsSpecifiquementAdresses = table.Column<string>(type: "TEXT", nullable: true),
                    PriseEnChargeSpecifique = table.Column<string>(type: "TEXT", nullable: true),
                    FraisACharge = table.Column<string>(type: "TEXT", nullable: true),
                    DispositifProgrammesNationaux = table.Column<string>(type: "TEXT", nullable: true),
                    FormationsLabels = table.Column<string>(type: "TEXT", nullable: true),
                    AutresFormationsLabels = table.Column<string>(type: "TEXT", nullable: true),
                    ModalitesAcces = table.Column<string>(type: "TEXT", nullable: true),
                    ModalitesAccompagnement = table.Column<string>(type: "TEXT", nullable: true),
                    FicheAccesLibre = table.Column<string>(type: "TEXT", nullable: true),
                    PriseRdv = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sites", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sites_CodeInsee",
                table: "sites",
                column: "CodeInsee");

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
                name: "seed_runs");

            migrationBuilder.DropTable(
                name: "sites");
        }
    }
}
