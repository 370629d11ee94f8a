using GraphQL.Types;
using ScoranInclusion.Domain;

namespace ScoranInclusion.GraphQL.Sites;

public sealed class GeoPointType : ObjectGraphType<GeoPoint>
{
    public GeoPointType()
    {
        Name = "GeoPoint";
        Description = "Position WGS84 en degrés décimaux.";
        Field<NonNullGraphType<FloatGraphType>>("latitude").Resolve(c => c.Source.Latitude);
        Field<NonNullGraphType<FloatGraphType>>("longitude").Resolve(c => c.Source.Longitude);
    }
}

public sealed class GeoPointInputType : InputObjectGraphType<GeoPoint>
{
    public GeoPointInputType()
    {
        Name = "GeoPointInput";
        Description = "Position WGS84 en degrés décimaux (latitude de -90 à 90, longitude de -180 à 180).";
        Field<NonNullGraphType<FloatGraphType>>("latitude");
        Field<NonNullGraphType<FloatGraphType>>("longitude");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) =>
        new GeoPoint(Convert.ToDouble(value["latitude"], System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToDouble(value["longitude"], System.Globalization.CultureInfo.InvariantCulture));
}
