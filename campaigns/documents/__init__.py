"""The campaigns app's documents: the covenant's two copies and its verification
(`covenants`), the registration summary (`registrations`), the scanned paper copy
(`scans`); PDFs are signed by the kernel (emulation.signing)."""
