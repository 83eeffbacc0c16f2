"use client";

import { useRef, useState } from "react";
import { createMemberAction } from "@/lib/users/actions";
import { ROLES } from "@/lib/auth/roles";
import type { ActionFields } from "@/lib/actions/result";
import { useAction } from "@/components/ui/use-action";

export function CreateMemberForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const { pending, error, fieldErrors, run } = useAction<ActionFields<typeof createMemberAction>>();
  const [created, setCreated] = useState<string | null>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      role: String(form.get("role") ?? "AGENT") as (typeof ROLES)[number],
      password: String(form.get("password") ?? ""),
    };
    run(() => createMemberAction(input), {
      onSuccess: (member) => {
        setCreated(member.email);
        formRef.current?.reset();
      },
      onFailure: () => setCreated(null),
    });
  }

  const fieldError = (name: keyof typeof fieldErrors) => {
    const message = fieldErrors[name]?.[0];
    return message ? <span className="mt-1 block text-xs text-red-600">{message}</span> : null;
  };
  const input = "mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="h-fit space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-label="Add a user"
    >
      <h2 className="font-medium">Add a user</h2>
      <label className="block text-sm">
        Name
        <input name="name" className={input} required />
        {fieldError("name")}
      </label>
      <label className="block text-sm">
        E-mail
        <input name="email" type="email" className={input} required />
        {fieldError("email")}
      </label>
      <label className="block text-sm">
        Role
        <select name="role" aria-label="Role" className={input} defaultValue="AGENT">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r.charAt(0) + r.slice(1).toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        Initial password
        <input name="password" type="password" className={input} minLength={10} required autoComplete="new-password" />
        {fieldError("password")}
      </label>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-2 py-1.5 text-sm text-red-700">
          {error}
        </p>
      )}
      {created && (
        <p role="status" className="rounded bg-emerald-50 px-2 py-1.5 text-sm text-emerald-800">
          Added {created}.
        </p>
      )}
      <button
        disabled={pending}
        className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
      >
        {pending ? "Adding…" : "Add user"}
      </button>
    </form>
  );
}
