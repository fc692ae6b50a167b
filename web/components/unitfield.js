/*
 * The unit of a record being entered: a contributor enters for their own
 * unit only, so they see it fixed; everyone else picks a unit of their
 * subtree with the unit picker (the server checks the scope again).
 *
 *   const u = unitField({user: ctx.user, value: {id, name, code}});
 *   new Form({fields: [u.field, ...]})   u.field.value() -> unit id or null
 */
import { field } from './form.js';
import { unitPicker } from './unitpicker.js';

export function isContributor(user) {
  return !!user && user.role === 'contributor';
}

/* Roles that may record figures (the server refuses the others). */
export function canEnter(user) {
  return !!user && ['admin', 'leader', 'specialist', 'contributor'].includes(user.role);
}

export function unitField({ user, label, value = null, name = 'unit_id', required = true, onChange, wide = false }) {
  if (isContributor(user)) {
    const own = { id: user.unit_id, name: user.unit_name, code: user.unit_code };
    const f = field({
      name, label, type: 'static', value: own.name, getValue: () => own.id, wide,
    });
    return { field: f, picker: null, getUnit: () => own };
  }
  const picker = unitPicker({ value, onChange });
  const f = field({
    name, label, required, control: picker.el, input: picker.input, getValue: picker.getValue, wide,
  });
  return { field: f, picker, getUnit: () => picker.getUnit() };
}
