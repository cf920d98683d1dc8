import { computed, defineComponent, h } from 'vue'
import { useFetch, useRequestHeaders, useRoute, useSeoMeta } from 'nuxt/app'
import type { productPage } from '../../../../database.ts'
import { CATALOG_DESCRIPTION, Layout, ProductList, visitorOf } from '../../../../markup.ts'

export default defineComponent({
  async setup() {
    const route = useRoute()
    const visitor = visitorOf(useRequestHeaders(['cookie']).cookie)
    useSeoMeta({ title: 'All products · Comptoir', description: CATALOG_DESCRIPTION, ogTitle: 'All products', ogDescription: CATALOG_DESCRIPTION, ogType: 'website', ogSiteName: 'Comptoir' })
    // Last: a render function in a .ts file gets no async-context transform for composables after an await.
    const { data } = await useFetch<Awaited<ReturnType<typeof productPage>>>('/api/products', { query: computed(() => ({ page: route.query.page })) })
    return () => h(Layout, { visitor }, () => data.value
      ? h(ProductList, { products: data.value.data, page: data.value.page, pages: Math.max(1, Math.ceil(data.value.total / 12)), total: data.value.total })
      : null)
  },
})
