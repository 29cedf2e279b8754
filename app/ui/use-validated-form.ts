import { useSubmit } from "@remix-run/react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";
import type { FormEvent } from "react";
import type { z } from "zod";

/**
 * react-hook-form with the same zod schema the action uses (style.md habit 12). The form is a plain
 * <Form method="post"> that works before hydration; after hydration the schema is checked first, and the
 * server's field errors appear in the same place as the client's. Messages are i18n keys.
 *
 * Server errors are read straight from the action data rather than fed to useForm's `errors` option: with
 * that option the page stopped re-rendering on the second action result (found by the login lockout e2e test).
 */
export function useValidatedForm(schema: z.ZodType, serverErrors?: Record<string, string> | null) {
  const submit = useSubmit();
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema as never) as unknown as Resolver<FieldValues>,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const el = e.currentTarget;
    void form.handleSubmit(() => submit(el))(e);
  };
  const errorOf = (name: string): string | undefined => {
    const e = form.formState.errors[name];
    if (typeof e?.message === "string") return e.message;
    return serverErrors?.[name];
  };
  return { ...form, onSubmit, errorOf };
}
