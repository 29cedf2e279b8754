import { useTranslation } from "react-i18next";
import { forwardRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

type FieldProps = { label: string; name: string; error?: string | null; hint?: ReactNode; children?: ReactNode } & InputHTMLAttributes<HTMLInputElement>;

/** A labelled input with its hint and its (translated) error next to it. `error` is an i18n key.
 *  Forwards its ref to the input, so react-hook-form's register() can be spread onto it. */
export const Field = forwardRef<HTMLInputElement, FieldProps>(function Field({ label, name, error, hint, children, ...input }, ref) {
  const { t } = useTranslation();
  const id = input.id ?? `f-${name}`;
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, error ? errId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {children ?? <input id={id} name={name} ref={ref} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />}
      {error ? (
        <span className="error" id={errId} role="alert">
          {t(error)}
        </span>
      ) : null}
    </div>
  );
});

/** A labelled select with its (translated) error; forwards its ref so react-hook-form's register() can be spread onto it. */
export const SelectField = forwardRef<
  HTMLSelectElement,
  { label: string; name: string; error?: string | null; options: { value: string; label: string }[] } & SelectHTMLAttributes<HTMLSelectElement>
>(function SelectField({ label, name, error, options, ...select }, ref) {
  const { t } = useTranslation();
  const id = select.id ?? `f-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} ref={ref} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <span className="error" id={`${id}-error`} role="alert">
          {t(error)}
        </span>
      ) : null}
    </div>
  );
});

/** A labelled textarea with its (translated) error; forwards its ref for react-hook-form's register(). */
export const TextAreaField = forwardRef<HTMLTextAreaElement, { label: string; name: string; error?: string | null } & TextareaHTMLAttributes<HTMLTextAreaElement>>(
  function TextAreaField({ label, name, error, rows = 4, ...area }, ref) {
    const { t } = useTranslation();
    const id = area.id ?? `f-${name}`;
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <textarea id={id} name={name} ref={ref} rows={rows} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...area} />
        {error ? (
          <span className="error" id={`${id}-error`} role="alert">
            {t(error)}
          </span>
        ) : null}
      </div>
    );
  },
);

export function FormError({ message }: { message?: string | null }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <div className="alert error" role="alert">
      {t(message)}
    </div>
  );
}
