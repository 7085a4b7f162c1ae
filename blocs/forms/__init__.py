"""Forms of the blocs pages, one module per workflow: `reference`, `elections`,
`year_open`, `restructuring` and `imports`. They check what was typed (in Vietnamese);
the services check the rules and save. Field names and ids are stable (Django's
`id_<name>`, the buttons' `css_id`), so browser tests can drive them.
The crispy-forms helper builder they share is the kernel's (emulation.forms.form_helper)."""
