# The learned model's scoring benchmark (docs/model.md, "Scoring and explanations"). Included
# from bench/CMakeLists.txt, after find_package(benchmark):
#   include(model_bench.cmake)
add_executable(model_bench ${CMAKE_CURRENT_LIST_DIR}/model_bench.cpp)
target_link_libraries(model_bench PRIVATE haiquan_risk_model benchmark::benchmark)
# The KCS files are looked for in ../shared/data beside the checkout (HAIQUAN_DATA overrides).
target_compile_definitions(model_bench PRIVATE HAIQUAN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# What the model adds to one filing (LiveModel::Assess), per goods item.
add_executable(filing_model_bench ${CMAKE_CURRENT_LIST_DIR}/filing_model_bench.cpp)
target_link_libraries(filing_model_bench PRIVATE haiquan_risk_model)
target_compile_definitions(filing_model_bench PRIVATE HAIQUAN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
