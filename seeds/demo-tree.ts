import type { AreaKind } from "~/platform/area.server";

/**
 * The demo / fixture tree: a fictional city, 2 districts, 4 streets, 8 communities and 12 compounds.
 * Ids are fixed so tests and the README can name them. The registry issue grows this into the full demo city.
 */
export type TreeNode = { id: string; kind: AreaKind; name: string; children?: TreeNode[] };

export const DEMO_TREE: TreeNode = {
  id: "city_jiangan",
  kind: "city",
  name: "江安市",
  children: [
    {
      id: "dist_donghu",
      kind: "district",
      name: "东湖区",
      children: [
        {
          id: "st_heping",
          kind: "street",
          name: "和平街道",
          children: [
            {
              id: "com_hepingli",
              kind: "community",
              name: "和平里社区",
              children: [
                { id: "cp_hepingli1", kind: "compound", name: "和平里一区" },
                { id: "cp_hepingli2", kind: "compound", name: "和平里二区" },
              ],
            },
            {
              id: "com_qingnian",
              kind: "community",
              name: "青年路社区",
              children: [
                { id: "cp_fangzhi", kind: "compound", name: "纺织厂宿舍" },
                { id: "cp_qingnian", kind: "compound", name: "青年路小区" },
              ],
            },
          ],
        },
        {
          id: "st_binjiang",
          kind: "street",
          name: "滨江街道",
          children: [
            { id: "com_wangjiang", kind: "community", name: "望江社区", children: [{ id: "cp_wangjiang", kind: "compound", name: "望江小区" }] },
            { id: "com_yuanlin", kind: "community", name: "园林社区", children: [{ id: "cp_yuanlin", kind: "compound", name: "园林新村" }] },
          ],
        },
      ],
    },
    {
      id: "dist_xishan",
      kind: "district",
      name: "西山区",
      children: [
        {
          id: "st_kuangshan",
          kind: "street",
          name: "矿山街道",
          children: [
            { id: "com_gongren", kind: "community", name: "工人村社区", children: [{ id: "cp_gongren", kind: "compound", name: "工人村小区" }] },
            {
              id: "com_xinhua",
              kind: "community",
              name: "新华社区",
              children: [
                { id: "cp_xinhua", kind: "compound", name: "新华里" },
                { id: "cp_xinhua2", kind: "compound", name: "新华二里" },
              ],
            },
          ],
        },
        {
          id: "st_songlin",
          kind: "street",
          name: "松林街道",
          children: [
            { id: "com_songlin", kind: "community", name: "松林社区", children: [{ id: "cp_songlin", kind: "compound", name: "松林苑" }] },
            {
              id: "com_nanyuan",
              kind: "community",
              name: "南苑社区",
              children: [
                { id: "cp_nanyuan", kind: "compound", name: "南苑小区" },
                { id: "cp_nanyuan2", kind: "compound", name: "南苑二期" },
              ],
            },
          ],
        },
      ],
    },
  ],
};

export function flattenTree(node: TreeNode, parentId: string | null = null): { id: string; kind: AreaKind; name: string; parentId: string | null }[] {
  return [
    { id: node.id, kind: node.kind, name: node.name, parentId },
    ...(node.children ?? []).flatMap((c) => flattenTree(c, node.id)),
  ];
}
