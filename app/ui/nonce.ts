import { createContext, useContext } from "react";

/** The per-request CSP nonce (security.md item 8); empty in the browser, which hides nonces from scripts. */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
