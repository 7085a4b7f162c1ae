"""Pages of the campaigns app, one module per workflow: legal_bases, campaigns,
meetings, covenants (drafting), signatures (signing, the PDFs, the scanned copy, the
public verification), addenda (a unit joining after completion) and registrations
(title kinds, rounds, registrations).

Every view has the same shape: fetch with permission (campaigns.permissions: a missing
object is a 404, a forbidden one a 403), bind the form, call the service, redirect
(emulation.formviews.form_view).
"""
