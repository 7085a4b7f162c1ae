"""Template tags other apps' pages use to show the campaigns part of a bloc-year."""

from django import template

register = template.Library()


@register.inclusion_tag("campaigns/_blocyear_steps.html", takes_context=True)
def blocyear_steps(context, bloc_year):
    """The year's first steps on the bloc-year page: covenant and registrations at a glance."""
    return {"bloc_year": bloc_year, "request": context.get("request")}
