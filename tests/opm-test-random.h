/* opm-test-random.h — random picks for the tests that edit at random
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-core.h"

/* An item of @list, or %NULL when it is empty; the list keeps it. */
static inline gpointer
random_item (GListModel *list)
{
  guint n = g_list_model_get_n_items (list);
  g_autoptr(GObject) item = NULL;

  if (n == 0)
    return NULL;

  item = g_list_model_get_item (list, g_test_rand_int_range (0, n));
  return item; /* the list keeps it */
}

/* An element of any kind, or %NULL when a few tries find none. */
static inline OpmElement *
random_element (OpmScenario *scenario)
{
  guint n_types;
  const GType *types = opm_element_get_types (&n_types);

  for (guint attempt = 0; attempt < 8; attempt++)
    {
      OpmElement *element = random_item (opm_scenario_get_elements (scenario, types[g_test_rand_int_range (0, n_types)]));

      if (element != NULL)
        return element;
    }

  return NULL;
}
