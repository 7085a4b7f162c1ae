'use strict';
// The admin's user form: the unit search only offers units of the council chosen above
// it (emulation.admin_site.UserUnitAutocompleteView filters on `council`), and changing
// the council clears a unit of the old one. Runs after Django's autocomplete.js.
{
    const $ = django.jQuery;

    $(function() {
        const council = document.getElementById('id_council');
        const unit = document.getElementById('id_unit');
        if (!council || !unit || !$(unit).data('select2')) {
            return;
        }
        $(unit).select2('destroy');
        $(unit).select2({
            ajax: {
                data: (params) => ({
                    term: params.term,
                    page: params.page,
                    app_label: unit.dataset.appLabel,
                    model_name: unit.dataset.modelName,
                    field_name: unit.dataset.fieldName,
                    council: council.value
                })
            }
        });
        $(council).on('change', () => {
            $(unit).val(null).trigger('change');
        });
    });
}
