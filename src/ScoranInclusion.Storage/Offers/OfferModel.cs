using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage.Offers;

/// <summary>Tables of offers, sessions, series and itinerant routes.</summary>
internal static class OfferModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OfferEntity>(offer =>
        {
            offer.ToTable("offers");
            offer.HasKey(o => o.Id);
            // Offers are history: a place with offers cannot disappear under them.
            offer.HasOne(o => o.Site).WithMany().HasForeignKey(o => o.SiteId).OnDelete(DeleteBehavior.Restrict);
            offer.Property(o => o.Title).HasMaxLength(200).IsRequired();
            offer.Property(o => o.Summary).HasMaxLength(400).IsRequired();
            offer.Property(o => o.Themes).IsRequired();
            offer.Property(o => o.Level).HasConversion<string>().HasMaxLength(20);
            offer.Property(o => o.Format).HasConversion<string>().HasMaxLength(20);
            offer.Property(o => o.Fee).HasConversion<string>().HasMaxLength(20);
            offer.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            offer.Property(o => o.Version).IsConcurrencyToken();
            offer.HasIndex(o => o.SiteId);
        });
        modelBuilder.Entity<SessionEntity>(session =>
        {
            session.ToTable("sessions");
            session.HasKey(s => s.Id);
            session.HasOne(s => s.Offer).WithMany().HasForeignKey(s => s.OfferId).OnDelete(DeleteBehavior.Restrict);
            session.HasOne<SiteEntity>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
            session.HasOne<ItinerantStopEntity>().WithMany().HasForeignKey(s => s.StopId).OnDelete(DeleteBehavior.Restrict);
            session.HasOne<SessionSeriesEntity>().WithMany().HasForeignKey(s => s.SeriesId).OnDelete(DeleteBehavior.Restrict);
            session.Property(s => s.RemoteUrl).HasMaxLength(500);
            session.Property(s => s.CancelReason).HasMaxLength(500);
            session.Property(s => s.Version).IsConcurrencyToken();
            session.HasIndex(s => s.StartsAtUnix);
            session.HasIndex(s => new { s.SiteId, s.StartsAtUnix });
            session.HasIndex(s => new { s.OfferId, s.StartsAtUnix });
            // A series has at most one session per date: topping it up twice creates nothing.
            session.HasIndex(s => new { s.SeriesId, s.OccurrenceDate }).IsUnique();
        });
        modelBuilder.Entity<SessionSeriesEntity>(series =>
        {
            series.ToTable("session_series");
            series.HasKey(s => s.Id);
            series.HasOne<OfferEntity>().WithMany().HasForeignKey(s => s.OfferId).OnDelete(DeleteBehavior.Restrict);
            series.Property(s => s.Days).HasMaxLength(20).IsRequired();
            series.Property(s => s.RemoteUrl).HasMaxLength(500);
            series.HasIndex(s => s.UntilDate);
        });
        modelBuilder.Entity<ItinerantRouteEntity>(route =>
        {
            route.ToTable("itinerant_routes");
            route.HasKey(r => r.Id);
            route.Property(r => r.Name).HasMaxLength(200).IsRequired();
            route.HasOne<SiteEntity>().WithMany().HasForeignKey(r => r.OperatorSiteId).OnDelete(DeleteBehavior.Restrict);
            route.HasMany(r => r.Stops).WithOne(s => s.Route).HasForeignKey(s => s.RouteId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ItinerantStopEntity>(stop =>
        {
            stop.ToTable("itinerant_stops");
            stop.HasKey(s => s.Id);
            stop.Property(s => s.Commune).HasMaxLength(200).IsRequired();
            stop.Property(s => s.CodeInsee).HasMaxLength(5).IsRequired();
            stop.Property(s => s.Adresse).HasMaxLength(300).IsRequired();
            stop.HasIndex(s => s.CodeInsee);
        });
    }
}
