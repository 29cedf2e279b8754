import { useEffect, useRef } from "react";
import { useRevalidator } from "@remix-run/react";

/** Revalidate the page every second while `active` (a long job's progress is read from its row by the loader). */
export function usePollWhile(active: boolean) {
  const revalidator = useRevalidator();
  const ref = useRef(revalidator);
  ref.current = revalidator;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (ref.current.state === "idle") ref.current.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [active]);
}
