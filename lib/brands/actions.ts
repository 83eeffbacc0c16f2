"use server";

import { adminAction, type Revalidation } from "@/lib/actions/clients";
import { createBrand, deleteBrand, setOwnHandles, updateBrand } from "./brands";
import { createBrandSchema, deleteBrandSchema, setBrandHandlesSchema, updateBrandSchema } from "./schemas";

// The brands page, and the inbox (its brand filter and every row's brand name).
const BRAND_VIEWS: Revalidation[] = ["/admin/brands", { path: "/inbox", type: "layout" }];

export const createBrandAction = adminAction(
  "brands.create",
  createBrandSchema,
  (input, { user, workspaceId }) => createBrand(workspaceId, user.id, input),
  { revalidate: BRAND_VIEWS },
);

export const updateBrandAction = adminAction(
  "brands.update",
  updateBrandSchema,
  (input, { user, workspaceId }) => updateBrand(workspaceId, user.id, input),
  { revalidate: BRAND_VIEWS },
);

export const setBrandHandlesAction = adminAction(
  "brands.setHandles",
  setBrandHandlesSchema,
  (input, { user, workspaceId }) => setOwnHandles(workspaceId, user.id, input.brandId, input.handles),
  { revalidate: BRAND_VIEWS },
);

export const deleteBrandAction = adminAction(
  "brands.delete",
  deleteBrandSchema,
  (input, { user, workspaceId }) => deleteBrand(workspaceId, user.id, input.brandId, input.confirmName),
  { revalidate: BRAND_VIEWS },
);
