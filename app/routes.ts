import type { RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

// v3_routeConfig: routes still come from the file names in app/routes/.
export default flatRoutes() satisfies RouteConfig;
